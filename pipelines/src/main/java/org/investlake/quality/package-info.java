/** Quality: the declared rules of each feed's contract, evaluated row by row. */
package org.investlake.quality;
