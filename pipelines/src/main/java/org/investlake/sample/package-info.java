/**
 * Deterministic, realistic sample exports of the three feeds (统计局 statistics, 项目库 exports,
 * 专项债券 progress) for one year, written the way the bureaus' systems write them: title and unit
 * lines, Chinese headers that change from month to month, GBK and UTF-8 CSV beside Excel, thousands
 * separators, growth in words, aliases, a trailing 合计 row and a counted handful of bad rows.
 *
 * <p>A story is planted in the numbers (a county whose growth collapses mid-year, one stuck at the
 * bottom, projects late to start) so that the marts, the bulletin and the demo have something true
 * to find; {@link org.investlake.sample.SampleSummary#story()} says what it is. Every number is
 * drawn from a {@link java.util.Random} with a fixed seed, and every target from the year's targets
 * file, so the same call writes the same content.
 */
package org.investlake.sample;
