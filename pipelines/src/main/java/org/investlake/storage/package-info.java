/** Storage: the Delta warehouse — one SparkSession, table locations, registration by name, writes, versions and the writers' lock. */
package org.investlake.storage;
