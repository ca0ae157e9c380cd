/** The command line: picocli sub-commands, each a thin hand-off to a job class. */
package org.investlake.cli;
