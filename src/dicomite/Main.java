// SPDX-License-Identifier: MIT
package dicomite;

import dicomite.dicom.DicomJson;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.TextDump;
import dicomite.storage.FrameCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line: {@code java -jar dicomite.jar [flags]} serves until stopped, and
 * {@code java -jar dicomite.jar dump [--text] FILE} prints a file's DICOM JSON (PS3.18 Annex F)
 * or a readable tree.
 *
 * <p>Errors print {@code Error: <what> (<value>)} on stderr and exit with 1 for a usage error
 * (unknown or malformed flag, unreadable file) and 2 for a system error (port in use, data folder
 * unusable).
 */
public final class Main {
    static final int USAGE_ERROR = 1;
    static final int SYSTEM_ERROR = 2;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]b?)?",
            Pattern.CASE_INSENSITIVE);

    /** A mistake on the command line; the message completes "Error: ". */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** What the flags asked for. */
    private record Command(Config config, boolean help, boolean version) {
    }

    private Main() {
    }

    /** Runs the command line; a started server runs until the JVM stops. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the command line and returns the exit code; a server started here is closed by a
     * shutdown hook.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, dicomite -> Runtime.getRuntime().addShutdownHook(
                new Thread(dicomite::close, "dicomite-shutdown")));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}; {@code started} gets the server. */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<Dicomite> started) {
        try {
            if (args.length > 0 && args[0].equals("dump")) {
                return dump(Arrays.asList(args).subList(1, args.length), out, err);
            }
            Command command = parse(args);
            if (command.help()) {
                out.print(help());
                return 0;
            }
            if (command.version()) {
                out.println("Dicomite " + version());
                return 0;
            }
            return serve(command.config(), out, err, started);
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            return USAGE_ERROR;
        }
    }

    private static Command parse(String[] args) throws UsageException {
        Config config = Config.defaults();
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String flag = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inline = flag.equals(arg) ? null : arg.substring(equals + 1);
            if (isSwitch(flag) && inline != null) {
                throw new UsageException("flag " + flag + " takes no value (" + arg + ")");
            }
            String value = !takesValue(flag) || inline != null ? inline : valueAfter(args, i++);
            switch (flag) {
                case "--help" -> help = true;
                case "--version" -> version = true;
                case "--loose" -> config = config.withLoose(true);
                case "--host" -> config = config.withHost(requireNonEmpty(flag, value));
                case "--port" -> config = config.withPort(parsePort(value));
                case "--data" -> config = config.withData(parsePath(flag, value));
                case "--frame-failure-ttl" ->
                        config = config.withFrameFailureTtl(parseDuration(flag, value));
                case "--frame-cache-max" ->
                        config = config.withFrameCacheMax(parseBytes(flag, value));
                default -> throw new UsageException((arg.startsWith("-") ? "unknown flag ("
                        : "unexpected argument (") + arg + ")");
            }
        }
        return new Command(config, help, version);
    }

    private static boolean isSwitch(String flag) {
        return List.of("--help", "--version", "--loose").contains(flag);
    }

    private static boolean takesValue(String flag) {
        return List.of("--host", "--port", "--data", "--frame-failure-ttl", "--frame-cache-max")
                .contains(flag);
    }

    private static String valueAfter(String[] args, int i) throws UsageException {
        if (i + 1 >= args.length) {
            throw new UsageException("flag " + args[i] + " needs a value (none given)");
        }
        return args[i + 1];
    }

    private static int parsePort(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new UsageException("--port must be a number from 0 to 65535 (" + value + ")");
    }

    private static String requireNonEmpty(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty (" + value + ")");
        }
        return value;
    }

    private static Path parsePath(String flag, String value) throws UsageException {
        try {
            return Path.of(requireNonEmpty(flag, value));
        } catch (InvalidPathException e) {
            throw new UsageException(flag + " is not a valid path (" + value + ")");
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT1H}. */
    static Duration parseDuration(String flag, String value) throws UsageException {
        Matcher m = DURATION.matcher(value.strip());
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            Duration iso = Duration.parse(value.strip());
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below with the rule
        }
        throw new UsageException(flag + " must be a duration such as 90s, 30m, 1h, 2d or PT1H ("
                + value + ")");
    }

    /** Bytes, or with a binary suffix: {@code 512k}, {@code 500m}, {@code 2g}, {@code 1t}. */
    static long parseBytes(String flag, String value) throws UsageException {
        Matcher m = SIZE.matcher(value.strip());
        try {
            if (m.matches()) {
                int shift = m.group(2) == null ? 0
                        : 10 * ("kmgt".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1);
                long amount = Long.parseLong(m.group(1));
                if (amount <= Long.MAX_VALUE >> shift) {
                    return amount << shift;
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new UsageException(flag + " must be a number of bytes, optionally with k, m, g or"
                + " t, such as 500m or 2g (" + value + ")");
    }

    private static int serve(Config config, PrintStream out, PrintStream err,
            Consumer<Dicomite> started) {
        Dicomite dicomite;
        try {
            dicomite = Dicomite.start(config);
        } catch (BindException | UnknownHostException e) {
            err.println("Error: cannot listen on " + config.host() + ":" + config.port() + " ("
                    + reason(e) + ")");
            return SYSTEM_ERROR;
        } catch (IOException e) {
            Path folder = config.data().toAbsolutePath().normalize();
            String what = e instanceof SocketException ? "cannot listen on " + config.host()
                    + ":" + config.port() : "cannot use the data folder " + folder;
            err.println("Error: " + what + " (" + reason(e) + ")");
            return SYSTEM_ERROR;
        }
        started.accept(dicomite);
        out.println("Dicomite " + version() + " listening on " + dicomite.baseUri() + " (data: "
                + dicomite.dataFolder() + ")");
        return 0;
    }

    private static int dump(List<String> args, PrintStream out, PrintStream err)
            throws UsageException {
        boolean text = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--text")) {
                text = true;
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown flag of dump (" + arg + ")");
            } else if (file != null) {
                throw new UsageException("dump takes one FILE (" + arg + ")");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            throw new UsageException("dump needs a FILE (none given)");
        }
        return dump(file, text, out, err);
    }

    private static int dump(String file, boolean text, PrintStream out, PrintStream err)
            throws UsageException {
        Part10 part10;
        try {
            part10 = Part10Reader.read(parsePath("FILE", file));
        } catch (IOException e) {
            err.println("Error: cannot read " + file + ": " + reason(e));
            return USAGE_ERROR;
        }
        try {
            if (text) {
                TextDump.print(part10, out);
            } else {
                out.println(DicomJson.toJson(part10.dataset(),
                        new DicomJson.Options(DicomJson.BulkData.INLINE_BINARY, null)));
            }
        } catch (IOException e) {
            err.println("Error: cannot write the dump of " + file + " (" + reason(e) + ")");
            return SYSTEM_ERROR;
        }
        return 0;
    }

    /** The reason of a failure in words: file-system exceptions carry only the path. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The text of --help: every flag with its default. */
    static String help() {
        Config defaults = Config.defaults();
        return String.join(System.lineSeparator(),
                "Usage: java -jar dicomite.jar [flags]",
                "       java -jar dicomite.jar dump [--text] FILE",
                "",
                "A local emulator of the Azure Health Data Services DICOM service (DICOMweb v2).",
                "",
                "Flags:",
                "  --host H      address to bind (default " + defaults.host() + ")",
                "  --port N      port, 0 picks a free one (default " + defaults.port() + ")",
                "  --data DIR    data folder: files and index (default ./" + defaults.data() + ")",
                "  --loose       PS3.18 extensions the service lacks, see CONFORMANCE.md"
                        + " (default off)",
                "  --frame-failure-ttl T  remember a failed frame extraction for T: 90s, 30m, 1h"
                        + " or PT1H (default " + defaults.frameFailureTtl().toHours() + "h)",
                "  --frame-cache-max N    bytes of frames cached on disk: 500m, 2g, or bytes"
                        + " (default " + FrameCache.DISK_PERCENT + " % of the disk)",
                "  --help        print this help and exit",
                "  --version     print the version and exit",
                "",
                "Commands:",
                "  dump FILE         print the DICOM JSON of a file (PS3.18 Annex F)",
                "  dump --text FILE  print a readable tree: tags, VRs, lengths and offsets",
                "");
    }

    /** The version the build wrote into the jar, or "dev" when run from unpackaged classes. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/dicomite/version.txt")) {
            return in == null ? "dev"
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "dev";
        }
    }
}
