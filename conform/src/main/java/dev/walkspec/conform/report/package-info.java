/**
 * The conformance report: the matrix, obligations and rule coverage as HTML (jte) and JSON, with
 * step tables and sequence diagrams for each counterexample.
 */
package dev.walkspec.conform.report;
