package org.investlake.ingest;

import org.investlake.storage.Warehouse;

/**
 * The checks that compare a file with the deliveries before it — silver's, then the earlier files of the same
 * batch — for the files checked before anything of them is written: a load's, a batch's, a reprocessed feed's. Made
 * once for those files, so each reads silver once.
 */
record HistoryChecks(RateOfChangeCheck rateOfChange, ReplacedRowsCheck replacedRows) {
    static HistoryChecks on(Warehouse warehouse) {
        return new HistoryChecks(new RateOfChangeCheck(warehouse), new ReplacedRowsCheck(warehouse));
    }
}
