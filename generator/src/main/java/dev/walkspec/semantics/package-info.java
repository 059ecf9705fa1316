/**
 * Comparing specs by behaviour: {@code SpecDiff} runs two specs on the small scope and groups the
 * scenarios whose traces differ, {@code ObligationChanges} lists handler-side changes, and {@code
 * ScenarioJson} reads scenarios and traces from JSON strictly. Split package: the interpreter and
 * scenarios live in walkspec-model.
 */
package dev.walkspec.semantics;
