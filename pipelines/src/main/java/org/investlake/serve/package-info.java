/** Serving the warehouse to readers: what a statement sent by `sql` (and later the SQL endpoint) may do. */
package org.investlake.serve;
