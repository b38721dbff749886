/**
 * The pipeline that joins the stages: sources hand line batches to one thread that parses,
 * aggregates, evaluates alerts second by second and calls the presenters.
 */
package dev.logmon.pipeline;
