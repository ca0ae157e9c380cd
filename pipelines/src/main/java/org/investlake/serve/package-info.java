/**
 * Serving the warehouse to readers: the SQL endpoint ({@code serve}, the Spark Thrift Server over the
 * warehouse), its accounts and login check, and the one read-only guard that both the endpoint and
 * {@code sql} apply to every statement.
 */
package org.investlake.serve;
