/**
 * What-if handlers: an arch's handler after the first change someone would make to run it under a
 * different spec, to see what breaks next. Not bugs of the kernel's code; experiments on it.
 */
package dev.walkspec.arch.whatif;
