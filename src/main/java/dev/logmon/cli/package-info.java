/** The command line on top of the pipeline: options, validation, run modes and the demo. */
package dev.logmon.cli;
