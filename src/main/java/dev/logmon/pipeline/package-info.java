/**
 * The pipeline that joins the stages: sources hand byte batches (follow mode, standard input) or
 * chunks (replay, parsed in parallel) to one thread that parses them with the same chunk parser,
 * counts them in order through {@link dev.logmon.pipeline.Monitor}, evaluates alerts second by
 * second and calls the presenters.
 */
package dev.logmon.pipeline;
