/**
 * Synthetic reference profiles for the larger sample scales: a made-up province (about 170
 * county-level units) or country (about 2,850), written as a {@code city.yaml} and a {@code
 * targets/YEAR.yaml} in exactly the format of {@code config/}, so the warehouse runs them with
 * {@code --config} like any other city. Names, codes and targets are drawn from fixed seeds.
 */
package org.investlake.sample.profile;
