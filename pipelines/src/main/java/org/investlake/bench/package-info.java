/**
 * The benchmark behind {@code investlake bench}: a sample of one scale loaded and built in fresh warehouses
 * (the whole year, then one month on top of eleven), the same gold aggregations run by DuckDB over the same data
 * as a peer, the peak heap, and the report with the targets of docs/performance.md. Every step calls the jobs the
 * commands call ({@code LoadBatch}, {@code BuildJob}); nothing here is a second implementation of the pipeline.
 */
package org.investlake.bench;
