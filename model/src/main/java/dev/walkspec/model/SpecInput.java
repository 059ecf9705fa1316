package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One file a spec was read from, as its content hash covers it: {@code name} is the name the hash
 * was taken under, {@code path} where the file was found, relative to the root file's directory or,
 * when {@code onImportPath}, to a directory of the import path. A generated suite finds the files
 * again this way to check that the spec did not change since it was generated (drift lock).
 */
@API(status = INTERNAL)
public record SpecInput(String name, String path, boolean onImportPath) {}
