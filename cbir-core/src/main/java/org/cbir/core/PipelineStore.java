package org.cbir.core;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.internal.io.Manifest;
import org.cbir.core.internal.io.SaveId;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;

/**
 * The on-disk layout of a saved pipeline:
 * <pre>
 * name.cbir/
 *   manifest.txt   format and version, the spec of every part, dimension, count (text)
 *   records.bin    id, path, label and metadata of every image (checksummed binary, see below)
 *   extractor/     the extractor's state, when it has one (a trained network)
 *   reducer/       the fitted reducer, when there is one
 *   index/         the index's files
 * </pre>
 * The whole directory is one {@link StoreDirectory#publish}: on the local file system it is
 * written beside the old one and swapped in, so a crash during a save leaves the previous
 * version loadable. The directory handed to the parts is bound to the save's id
 * ({@link SaveId#bind}), so every file they write carries it and every file they read must.
 *
 * <p>The body of {@code records.bin} (codec {@value #RECORDS_CODEC}; strings as
 * {@link ChecksummedFiles#writeString}):
 * <pre>
 * records  := count:int32 record*count
 * record   := id:int64 path:string label:string metadata     (version 2; version 1, without
 *                                                            metadata, predates save ids)
 * metadata := pairs:int32 (key:string value:string)*pairs     keys ascending
 * </pre>
 */
final class PipelineStore {
    static final String FORMAT = "cbir-pipeline";
    /** Version 2: every binary file carries the save id that the manifest records. */
    static final int VERSION = 2;
    static final String MANIFEST = "manifest.txt";
    static final String RECORDS = "records.bin";
    static final String SAVE_ID = "save-id";
    private static final String RECORDS_CODEC = "cbir.records";
    /**
     * Version 2 added the metadata of each record; version 3 starts with the SHA-256 of the
     * manifest's entries, so that a manifest edited after the save is refused. Version 2 (saved
     * before that digest) is still read, without the manifest check.
     */
    private static final int RECORDS_VERSION = 3;
    private static final int METADATA_VERSION = 2;
    private static final int DIGEST_BYTES = 32;

    private PipelineStore() {
    }

    /**
     * Saves {@code parts} into {@code directory}, which must be missing, empty or an earlier
     * saved pipeline (its manifest proves it); an empty pipeline replaces a non-empty store only
     * with {@link RetrievalPipeline.SaveOption#REPLACE_WITH_EMPTY}.
     */
    static void save(StoreDirectory directory, PipelineParts parts, Set<RetrievalPipeline.SaveOption> options) throws IOException {
        boolean replaceWithEmpty = parts.records().isEmpty() && !options.contains(RetrievalPipeline.SaveOption.REPLACE_WITH_EMPTY);
        SaveId id = SaveId.random();
        directory.publish(existing -> requireEarlierStore(existing, replaceWithEmpty),
                staging -> writeParts(id.bind(staging), parts, id));
    }

    private static void writeParts(StoreDirectory dir, PipelineParts parts, SaveId id) throws IOException {
        Manifest.Builder manifest = Manifest.builder()
                .put("format", FORMAT)
                .put("format.version", VERSION)
                .put(SAVE_ID, id.toString())
                .put("dimension", parts.index().dimension())
                .put("count", parts.records().size())
                .put("next-id", parts.nextId());
        putSpec(manifest, ComponentRole.EXTRACTOR, parts.extractor().spec());
        if (parts.extractor() instanceof Persistent persistent) {
            persistent.save(dir.directory("extractor"));
            manifest.put("extractor.state", "extractor");
        }
        if (parts.reducerRecipe() != null) {
            putSpec(manifest, ComponentRole.REDUCER, parts.reducerRecipe().spec());
            parts.reducer().save(dir.directory(ComponentRole.REDUCER.name()));
        }
        putSpec(manifest, ComponentRole.INDEX, parts.indexFactory().spec());
        putSpec(manifest, ComponentRole.SIMILARITY, parts.similarity().spec());
        parts.index().save(dir.directory(ComponentRole.INDEX.name()));
        Manifest built = manifest.build();
        writeRecords(dir, parts.records(), digest(built));
        built.write(dir, MANIFEST);
    }

    /** Refuses to replace {@code existing} unless it is a saved pipeline (and, if asked, an empty one). */
    private static void requireEarlierStore(StoreDirectory existing, boolean refuseNonEmpty) throws IOException {
        Path manifestFile = existing.location(MANIFEST);
        if (!existing.exists(MANIFEST)) {
            throw new FileAlreadyExistsException(existing.toString(), null, "exists, is not empty and is not a saved "
                    + "cbir store (it has no " + MANIFEST + "); refusing to replace it: choose a new or empty directory");
        }
        Manifest manifest;
        try {
            manifest = Manifest.read(existing, MANIFEST);
        } catch (InvalidFileException e) {
            throw new FileAlreadyExistsException(existing.toString(), null, "holds a damaged store (" + e.getMessage()
                    + "); refusing to replace it: delete it yourself, or save elsewhere");
        }
        if (!FORMAT.equals(manifest.get("format").orElse(null))) {
            throw new FileAlreadyExistsException(existing.toString(), null, "is not a saved cbir pipeline ("
                    + manifestFile + " is not a pipeline manifest); refusing to replace it");
        }
        int count = manifest.get("count").map(PipelineStore::parseCount).orElse(0);
        if (refuseNonEmpty && count != 0) {
            throw new IllegalStateException(existing + " holds a store of " + count + " images and this pipeline holds"
                    + " none; refusing to replace it with an empty one (save with RetrievalPipeline.SaveOption.REPLACE_WITH_EMPTY to do so)");
        }
    }

    private static int parseCount(String count) {
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Loads a saved pipeline, restoring its parts with {@code registry}; {@code mapIndexFiles}
     * memory-maps a saved index's vectors ({@link RestoreContext#mapFiles()}) where its type can.
     * Every part comes back through {@link ComponentRegistry#restore(ComponentRole, ComponentSpec,
     * RestoreContext)}: the recipes from their specs, the fitted reducer and the index from the
     * recipe's spec and their saved directories.
     */
    static PipelineParts load(StoreDirectory requested, boolean mapIndexFiles, ComponentRegistry registry)
            throws IOException {
        StoreDirectory directory = requested.published();
        Path manifestFile = directory.location(MANIFEST);
        Manifest manifest = Manifest.read(directory, MANIFEST);
        if (!FORMAT.equals(manifest.require("format"))) {
            throw new CorruptFileException(manifestFile, "not a cbir pipeline manifest (format = "
                    + manifest.require("format") + ")");
        }
        int version = manifest.requireInt("format.version");
        if (version > VERSION) {
            throw new FormatVersionException(manifestFile, FORMAT, version, VERSION, VERSION);
        }
        if (version < VERSION) {
            throw new FormatVersionException(manifestFile, FORMAT, version, VERSION, VERSION, "it was saved by an"
                    + " earlier release of cbir, before the files of a save carried its id; index the collection again");
        }
        SaveId id;
        try {
            id = SaveId.parse(manifest.require(SAVE_ID));
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(manifestFile, e.getMessage());
        }
        return loadParts(id.bind(directory), manifestFile, manifest, mapIndexFiles, registry);
    }

    private static PipelineParts loadParts(StoreDirectory directory, Path manifestFile, Manifest manifest, boolean mapIndexFiles,
            ComponentRegistry registry) throws IOException {
        Path recordsFile = directory.location(RECORDS);
        Records saved = readRecords(directory);
        if (saved.manifestDigest() != null && !Arrays.equals(saved.manifestDigest(), digest(manifest))) {
            throw new CorruptFileException(manifestFile, "was edited after the save: its entries no longer match the"
                    + " digest that " + recordsFile.getFileName() + " keeps of them (a store's manifest is"
                    + " for reading; to change a part, index again)");
        }
        List<ImageRecord> records = saved.records();
        RestoreContext context = RestoreContext.stateless(registry);
        StoreDirectory extractorState = manifest.get("extractor.state").map(directory::directory).orElse(null);
        FeatureExtractor extractor = registry.restore(ComponentRole.EXTRACTOR, spec(manifest, ComponentRole.EXTRACTOR),
                extractorState == null ? context : context.withState(extractorState));
        Reducer recipe = null;
        Reducer.Fitted reducer = null;
        if (manifest.get("reducer.type").isPresent()) {
            ComponentSpec reducerSpec = spec(manifest, ComponentRole.REDUCER);
            recipe = registry.restore(ComponentRole.REDUCER, reducerSpec, context);
            reducer = registry.restore(ComponentRole.FITTED_REDUCER, reducerSpec,
                    context.withState(directory.directory(ComponentRole.REDUCER.name())));
        }
        Similarity similarity = registry.restore(ComponentRole.SIMILARITY, spec(manifest, ComponentRole.SIMILARITY), context);
        ComponentSpec indexSpec = spec(manifest, ComponentRole.INDEX);
        IndexFactory factory = registry.restore(ComponentRole.INDEX, indexSpec, context);
        Index index = registry.restore(ComponentRole.SAVED_INDEX, indexSpec, context
                .withState(directory.directory(ComponentRole.INDEX.name()))
                .withSimilarity(similarity)
                .withMappedFiles(mapIndexFiles));
        int count = manifest.requireInt("count");
        int dimension = manifest.requireInt("dimension");
        if (records.size() != count || index.size() != count) {
            throw new CorruptFileException(manifestFile, "manifest lists " + count + " images but "
                    + RECORDS + " has " + records.size() + " and the index " + index.size());
        }
        int produced = reducer != null ? reducer.outputDimension() : extractor.dimension();
        if (index.dimension() != dimension || produced != dimension) {
            throw new CorruptFileException(manifestFile, "dimension " + dimension + " disagrees with the index ("
                    + index.dimension() + ") or the extractor/reducer (" + produced + ")");
        }
        for (ImageRecord r : records) {
            if (!index.contains(r.id())) {
                throw new CorruptFileException(recordsFile, "image " + r.id() + " (" + r.path()
                        + ") is not in the index");
            }
        }
        return new PipelineParts(extractor, recipe, reducer, factory, index, similarity, records,
                manifest.requireLong("next-id"));
    }

    private static Map<String, String> readMetadata(DataInputStream in, Path file, int record)
            throws IOException {
        int pairs = in.readInt();
        if (pairs < 0) {
            throw new CorruptFileException(file, "record " + record + " has a negative metadata count " + pairs);
        }
        Map<String, String> metadata = new TreeMap<>();
        for (int p = 0; p < pairs; p++) {
            String key = ChecksummedFiles.readString(in);
            String value = ChecksummedFiles.readString(in);
            if (key == null || value == null || metadata.put(key, value) != null) {
                throw new CorruptFileException(file, "record " + record + " has a missing or repeated metadata key");
            }
        }
        try {
            return Metadata.copyOf(metadata);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, "record " + record + ": " + e.getMessage());
        }
    }

    private static void putSpec(Manifest.Builder manifest, ComponentRole<?> role, ComponentSpec spec) {
        manifest.put(role.name() + ".type", spec.type());
        spec.parameters().forEach((name, value) -> manifest.put(role.name() + ".param." + name, value));
    }

    private static ComponentSpec spec(Manifest manifest, ComponentRole<?> role) throws CorruptFileException {
        String type = manifest.require(role.name() + ".type");
        Map<String, String> parameters = manifest.withPrefix(role.name() + ".param.");
        return new ComponentSpec(type, parameters);
    }

    /**
     * What records.bin holds: the images, and the SHA-256 of the manifest's entries written with
     * them ({@code null} in a version-2 file).
     */
    private record Records(List<ImageRecord> records, byte[] manifestDigest) {
    }

    /** SHA-256 of the manifest's entries, {@code key=value\n} in order: binds the manifest to the save. */
    private static byte[] digest(Manifest manifest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            manifest.entries().forEach((key, value) -> sha.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void writeRecords(StoreDirectory dir, List<ImageRecord> records, byte[] manifestDigest)
            throws IOException {
        ChecksummedFiles.write(dir, RECORDS, RECORDS_CODEC, RECORDS_VERSION, out -> {
            out.write(manifestDigest);
            out.writeInt(records.size());
            for (ImageRecord r : records) {
                out.writeLong(r.id());
                ChecksummedFiles.writeString(out, r.path());
                ChecksummedFiles.writeString(out, r.label());
                out.writeInt(r.metadata().size());
                for (Map.Entry<String, String> pair : r.metadata().entrySet()) {
                    ChecksummedFiles.writeString(out, pair.getKey());
                    ChecksummedFiles.writeString(out, pair.getValue());
                }
            }
        });
    }

    private static Records readRecords(StoreDirectory dir) throws IOException {
        Path file = dir.location(RECORDS);
        return ChecksummedFiles.read(dir, RECORDS, RECORDS_CODEC, METADATA_VERSION, RECORDS_VERSION, (in, version) -> {
            byte[] manifestDigest = null;
            if (version >= RECORDS_VERSION) {
                manifestDigest = new byte[DIGEST_BYTES];
                in.readFully(manifestDigest);
            }
            int count = in.readInt();
            if (count < 0) {
                throw new CorruptFileException(file, "negative record count " + count);
            }
            List<ImageRecord> records = new ArrayList<>(Math.min(count, 1 << 20));
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                String path = ChecksummedFiles.readString(in);
                String label = ChecksummedFiles.readString(in);
                if (path == null) {
                    throw new CorruptFileException(file, "record " + i + " has no path");
                }
                Map<String, String> metadata = readMetadata(in, file, i);
                records.add(new ImageRecord(id, path, label, metadata));
            }
            return new Records(records, manifestDigest);
        });
    }
}
