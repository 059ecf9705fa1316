/**
 * Diagnostics: codes, severities, source files and the printer that renders them with positions.
 * Every stage reports through it, so it depends on no stage. Split package: {@code Pos} lives in
 * walkspec-model.
 */
package dev.walkspec.diag;
