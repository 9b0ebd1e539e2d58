package dev.descent.data;

import dev.descent.spec.Registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The catalog of named datasets ("mnist", "fashion-mnist") and where their files are found.
 *
 * <p>Each dataset is four IDX files with the standard names ({@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz};
 * the same names without {@code .gz} are accepted too). They are looked for, in order, in:
 * <ol>
 *   <li>the data folder given by the caller ({@code --data-dir}): {@code DIR/<name>/}, or {@code DIR/} itself;</li>
 *   <li>the folder in the environment variable {@code DESCENT_DATA}, with the same structure;</li>
 *   <li>the user cache {@code ~/.cache/descent/datasets/<name>/};</li>
 *   <li>for Fashion-MNIST, the Debian package {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist/});</li>
 *   <li>otherwise the files are downloaded into the user cache from the dataset's mirrors. Each file goes to
 *       a temporary file in the cache folder, its SHA-256 is checked, and only then is it moved into place
 *       atomically, so an interrupted or corrupt download never takes the place of a good file.</li>
 * </ol>
 * Local files are not hashed (they may be raw, uncompressed variants); {@link IdxReader} validates them.
 * When nothing works, the error lists every folder looked in and how to provide the files.
 *
 * <pre>{@code
 * Dataset.Split mnist = Datasets.standard().load("mnist", dataDirOrNull, System.err::println,
 *         Progress.textBar(System.err));
 * }</pre>
 *
 * The environment, home folder, Debian folder and the network are constructor parameters so that tests
 * can replace each.
 */
public final class Datasets {
    /** Environment variable naming a data folder (same structure as {@code --data-dir}). */
    public static final String ENV_DATA = "DESCENT_DATA";
    /** The four file names of every dataset, compressed form: train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** A named dataset: 28×28 grey images, 10 classes, its mirrors and the accepted SHA-256 of each file. */
    record Entry(String name, String debianPackage, List<String> mirrors, Map<String, Set<String>> sha256) {
    }

    private static final Map<String, Entry> CATALOG = new LinkedHashMap<>();
    /** The datasets in the shape every registry has; no parameters yet, a spec names one and makes its name. */
    private static final Registry<String> REGISTRY = new Registry<>("dataset", "%1$s: unknown parameter '%2$s'; allowed: %3$s");


    static {
        add(new Entry("mnist", null, List.of(
                "https://ossci-datasets.s3.amazonaws.com/mnist/",
                "https://storage.googleapis.com/cvdf-datasets/mnist/"), Map.of(
                "train-images-idx3-ubyte.gz", Set.of("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                "train-labels-idx1-ubyte.gz", Set.of("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                "t10k-images-idx3-ubyte.gz", Set.of("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                "t10k-labels-idx1-ubyte.gz", Set.of("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"))));
        // Two hashes per file: the upstream files (as served by the mirrors), and Debian's copies, which
        // hold the same data but were recompressed, so their bytes differ.
        add(new Entry("fashion-mnist", "dataset-fashion-mnist", List.of(
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"), Map.of(
                "train-images-idx3-ubyte.gz", Set.of("08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc",
                        "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                "train-labels-idx1-ubyte.gz", Set.of("b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc",
                        "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                "t10k-images-idx3-ubyte.gz", Set.of("78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229",
                        "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                "t10k-labels-idx1-ubyte.gz", Set.of("42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf",
                        "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"))));
    }

    private static void add(Entry e) {
        CATALOG.put(e.name(), e);
        String source = e.debianPackage() == null ? "" : " (Debian package " + e.debianPackage() + ")";
        REGISTRY.add(new Registry.Entry<>(e.name(), "28×28 grey images, 10 classes" + source, List.of(), spec -> e.name()));
    }

    /** The registry of dataset names, in the shape every registry has. */
    public static Registry<String> registry() {
        return REGISTRY;
    }

    private static final int HEIGHT = 28, WIDTH = 28, CLASSES = 10;

    private final Map<String, Entry> catalog;
    private final Map<String, String> env;
    private final Path home;
    private final Path debianRoot;
    private final Fetcher fetcher;

    /**
     * @param env        environment variables (only {@code DESCENT_DATA} is read)
     * @param home       the user's home folder; the cache is {@code home/.cache/descent/datasets}
     * @param debianRoot where Debian installs datasets, normally {@code /usr/share/datasets}
     * @param fetcher    the network, or {@code null} to never download
     */
    public Datasets(Map<String, String> env, Path home, Path debianRoot, Fetcher fetcher) {
        this(CATALOG, env, home, debianRoot, fetcher);
    }

    /** With another catalog: lets tests serve small files whose hashes they know. */
    Datasets(Map<String, Entry> catalog, Map<String, String> env, Path home, Path debianRoot, Fetcher fetcher) {
        this.catalog = Map.copyOf(catalog);
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = Objects.requireNonNull(home, "home");
        this.debianRoot = Objects.requireNonNull(debianRoot, "debianRoot");
        this.fetcher = fetcher;
    }

    /** The real environment, home folder, Debian folder and network (30 s timeouts). */
    public static Datasets standard() {
        return new Datasets(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("/usr/share/datasets"),
                Fetcher.http(Duration.ofSeconds(30)));
    }

    /** Names of the known datasets. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** Where {@code name} is cached and downloaded to. */
    public Path cacheDir(String name) {
        return home.resolve(".cache").resolve("descent").resolve("datasets").resolve(name);
    }

    /**
     * Finds (or downloads) and reads the dataset {@code name}.
     *
     * @param dataDir  the {@code --data-dir} folder, or {@code null}
     * @param messages receives one line per notable step (where the files were found, each download)
     * @param progress receives download progress
     * @throws DataException if the name is unknown, the files are nowhere to be found or downloaded, or a
     *                       file is malformed
     */
    public Dataset.Split load(String name, Path dataDir, Consumer<String> messages, Progress progress)
            throws DataException {
        Entry entry = catalog.get(name);
        if (entry == null) {
            throw new DataException("unknown dataset \"" + name + "\"; known datasets: "
                    + String.join(", ", catalog.keySet().stream().sorted().toList()));
        }
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            messages.accept(name + ": warning: the data folder " + dataDir + " does not exist");
        }
        List<String> searched = new ArrayList<>();
        for (Path dir : candidates(entry, dataDir)) {
            Path[] files = findFiles(entry, dir, searched);
            if (files != null) {
                messages.accept(name + ": reading " + dir);
                return read(name, files);
            }
        }
        return read(name, download(entry, searched, messages, progress));
    }

    private Set<Path> candidates(Entry entry, Path dataDir) throws DataException {
        Set<Path> dirs = new LinkedHashSet<>(); // --data-dir and DESCENT_DATA may name the same folder
        for (Path root : new Path[]{dataDir, envDataDir()}) {
            if (root != null) {
                dirs.add(root.toAbsolutePath().normalize().resolve(entry.name()));
                dirs.add(root.toAbsolutePath().normalize());
            }
        }
        dirs.add(cacheDir(entry.name()));
        if (entry.debianPackage() != null) {
            dirs.add(debianRoot.resolve(entry.name()));
        }
        return dirs;
    }

    private Path envDataDir() throws DataException {
        String v = env.get(ENV_DATA);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new DataException("the environment variable " + ENV_DATA + "=\"" + v
                    + "\" is not a valid folder path: " + e.getMessage());
        }
    }

    /** The four files in {@code dir}, or null, noting in {@code searched} what was missing. */
    private Path[] findFiles(Entry entry, Path dir, List<String> searched) {
        if (!Files.isDirectory(dir)) {
            searched.add(dir + " (no such folder)");
            return null;
        }
        Path[] files = new Path[FILES.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            Path gz = dir.resolve(FILES.get(i));
            Path raw = dir.resolve(FILES.get(i).replace(".gz", ""));
            files[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(raw) ? raw : null;
            if (files[i] == null) {
                missing.add(FILES.get(i));
            }
        }
        if (!missing.isEmpty()) {
            searched.add(dir + (missing.size() == FILES.size() ? " (no dataset files)" : " (missing " + String.join(", ", missing) + ")"));
            return null;
        }
        String other = otherDataset(entry, files[1]);
        if (other != null) {
            // A flat data folder holds one dataset; don't let a folder of MNIST files pass for Fashion-MNIST.
            searched.add(dir + " (holds " + other + ", not " + entry.name() + ")");
            return null;
        }
        return files;
    }

    /** The name of another dataset whose train-labels file is byte-identical to {@code labels}, or null. */
    private String otherDataset(Entry entry, Path labels) {
        String hash;
        try {
            hash = sha256(labels);
        } catch (IOException e) {
            return null; // unreadable: IdxReader will report it with the file name
        }
        for (Entry e : catalog.values()) {
            if (e != entry && e.sha256().get(FILES.get(1)).contains(hash)) {
                return e.name();
            }
        }
        return null;
    }

    private static Dataset.Split read(String name, Path[] f) throws DataException {
        Dataset train = IdxReader.read(name, f[0], f[1], CLASSES);
        Dataset test = IdxReader.read(name, f[2], f[3], CLASSES);
        for (Dataset d : new Dataset[]{train, test}) {
            if (d.height() != HEIGHT || d.width() != WIDTH) {
                throw new DataException(d == train ? f[0] : f[2], "images are " + d.height() + "x" + d.width()
                        + "; " + name + " images must be " + HEIGHT + "x" + WIDTH);
            }
        }
        return new Dataset.Split(train, test);
    }

    private Path[] download(Entry entry, List<String> searched, Consumer<String> messages, Progress progress)
            throws DataException {
        if (fetcher == null) {
            throw notFound(entry, searched, "Downloading is switched off.");
        }
        Path dir = cacheDir(entry.name());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataException(dir, "cannot create the dataset cache folder: " + e.getMessage()
                    + "\n" + notFound(entry, searched, "").getMessage(), e);
        }
        Path[] files = new Path[FILES.size()];
        for (int i = 0; i < files.length; i++) {
            String file = FILES.get(i);
            files[i] = dir.resolve(file);
            if (Files.isRegularFile(files[i])) {
                continue; // placed by an earlier, verified download
            }
            List<String> failures = new ArrayList<>();
            for (String mirror : entry.mirrors()) {
                URI uri = URI.create(mirror + file);
                messages.accept(entry.name() + ": downloading " + uri);
                String problem = fetchVerified(uri, file, entry.sha256().get(file), files[i], progress);
                if (problem == null) {
                    break;
                }
                messages.accept(entry.name() + ": " + uri + " failed: " + problem);
                failures.add(uri + ": " + problem);
            }
            if (failures.size() == entry.mirrors().size()) {
                throw notFound(entry, searched, "Downloading " + file + " failed from every mirror:\n    "
                        + String.join("\n    ", failures));
            }
        }
        return files;
    }

    /** Downloads {@code uri} to {@code target} if its SHA-256 is accepted; returns null, or what went wrong. */
    private String fetchVerified(URI uri, String file, Set<String> accepted, Path target, Progress progress) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), file + ".", ".part");
            MessageDigest digest = newSha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                fetcher.fetch(uri, file, out, progress);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            if (!accepted.contains(hash)) {
                return "SHA-256 mismatch: got " + hash + ", expected " + String.join(" or ", accepted);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING); // same folder: practically never
            }
            tmp = null;
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray .part file never shadows a real one
                }
            }
        }
    }

    private DataException notFound(Entry entry, List<String> searched, String downloadProblem) {
        StringBuilder m = new StringBuilder("dataset " + entry.name() + " not found. Looked in:\n");
        for (String s : searched) {
            m.append("    ").append(s).append('\n');
        }
        if (!downloadProblem.isEmpty()) {
            m.append(downloadProblem).append('\n');
        }
        m.append("Provide the files ").append(String.join(", ", FILES))
                .append(" (or the same names without .gz) in one of these ways:\n")
                .append("    --data-dir DIR with the files in DIR/").append(entry.name()).append("/\n")
                .append("    the environment variable ").append(ENV_DATA).append("=DIR, same structure\n")
                .append("    copy them into ").append(cacheDir(entry.name())).append('\n');
        if (entry.debianPackage() != null) {
            m.append("    apt-get install ").append(entry.debianPackage()).append(" (installs them into ")
                    .append(debianRoot.resolve(entry.name())).append(")\n");
        }
        return new DataException(m.toString().stripTrailing());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
