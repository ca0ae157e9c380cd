/** The Delta warehouse: one SparkSession, table locations, registration by name, and writes. */
package org.investlake.warehouse;
