/**
 * The monthly bulletin (月通报): {@link org.investlake.report.BulletinData} reads the gold marts of one period
 * (at recorded Delta versions when reissuing), {@link org.investlake.report.Commentary} writes its sentences by
 * documented rules, {@link org.investlake.report.BulletinTables} its tables, {@link org.investlake.report.Charts}
 * its SVG charts, {@link org.investlake.report.BulletinPage} the self-contained HTML page, and
 * {@link org.investlake.report.Bulletins} writes, records ({@code ops.bulletins}) and reissues it.
 */
package org.investlake.report;
