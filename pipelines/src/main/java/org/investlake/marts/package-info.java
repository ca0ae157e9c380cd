/** Marts: the gold tables of SPEC §4, built from silver by the SQL in sql/gold/. */
package org.investlake.marts;
