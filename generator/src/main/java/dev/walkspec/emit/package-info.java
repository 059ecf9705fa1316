/**
 * The emitters: Java walkers, walker suites, handler suites and the spec images generated suites
 * load, written with JavaPoet from the checked model ({@code c} renders the walk as C).
 */
package dev.walkspec.emit;
