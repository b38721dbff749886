/**
 * The pipeline that joins the stages: sources hand line batches (or, in replay, chunks parsed in
 * parallel) to one thread that counts them in order, evaluates alerts second by second and calls
 * the presenters.
 */
package dev.logmon.pipeline;
