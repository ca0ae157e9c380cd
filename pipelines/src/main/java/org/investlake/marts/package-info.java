/** Marts: the gold tables of docs/contract.md "Tables", built from silver by the SQL in sql/gold/. */
package org.investlake.marts;
