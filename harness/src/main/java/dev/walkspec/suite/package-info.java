/**
 * What generated suites run on at test time (walkspec-harness): walker and handler suites, the
 * checked handler call with its budgets and racing hardware, the obligation checks and the
 * conformance failures they report.
 */
package dev.walkspec.suite;
