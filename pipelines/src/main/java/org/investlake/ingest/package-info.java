/**
 * Ingest: delivered files (CSV in UTF-8 or GBK, xlsx, parquet) → bronze → silver, with every row that
 * fails a rule of its feed's contract (schemas/) sent to ops.quarantine.
 */
package org.investlake.ingest;
