/** Reference data: regions, sectors and yearly targets, loaded once from config/. */
package org.investlake.reference;
