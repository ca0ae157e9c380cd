/**
 * The Superset import bundle of the gold marts ({@code superset-bundle}): the database, a dataset per gold
 * table documented from sql/gold/*.yml, the charts and the dashboard 投资和项目建设监测, and the validator that
 * checks a bundle against Superset's import rules and the real schemas before anyone imports it.
 */
package org.investlake.serve.superset;
