// SPDX-License-Identifier: MIT
package dicomite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Every setting of a Dicomite server, with the defaults of the command line (README "Running").
 *
 * <p>Immutable; change a setting with its wither. To add a setting: add a component, give it a
 * default in {@link #defaults()}, a wither, a check in the constructor if it has a range, and a
 * flag in {@link Main} when it belongs on the command line.
 *
 * <pre>{@code
 * Config config = Config.defaults().withPort(0).withData(Path.of("/tmp/dicom"));
 * try (Dicomite dicom = Dicomite.start(config)) { ... }
 * }</pre>
 *
 * @param host the address to bind; loopback by default
 * @param port the TCP port, 0 to 65535; 0 picks a free one
 * @param data the data folder (files and index), created if missing
 * @param loose the PS3.18 extensions the service lacks (spec §0, {@code --loose})
 * @param clock the time source of expiry and timestamps; tests pass a fixed clock
 * @param frameFailureTtl how long a failed frame extraction is remembered, so that a broken
 *     instance answers at once (spec §3.4, DESIGN "FrameCache"); zero remembers none
 * @param frameCacheMax the bound in bytes on the frames cached on disk; empty for 10 % of the
 *     size of the disk holding the data folder, computed at start
 */
public record Config(String host, int port, Path data, boolean loose, Clock clock,
        Duration frameFailureTtl, OptionalLong frameCacheMax) {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final Path DEFAULT_DATA = Path.of("data");
    static final Duration DEFAULT_FRAME_FAILURE_TTL = Duration.ofHours(1);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException for a blank host, a port outside 0 to 65535, a
     *     negative frame failure TTL or frame cache bound
     * @throws NullPointerException for a missing setting
     */
    public Config {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(frameFailureTtl, "frameFailureTtl");
        Objects.requireNonNull(frameCacheMax, "frameCacheMax");
        if (frameFailureTtl.isNegative()) {
            throw new IllegalArgumentException("Config frameFailureTtl " + frameFailureTtl
                    + " is negative.");
        }
        if (frameCacheMax.isPresent() && frameCacheMax.getAsLong() < 0) {
            throw new IllegalArgumentException("Config frameCacheMax "
                    + frameCacheMax.getAsLong() + " is negative.");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("Config host must not be blank: '" + host + "'.");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Config port " + port
                    + " is outside 0 to 65535.");
        }
    }

    /** The first five settings, the frame cache's at their defaults. */
    public Config(String host, int port, Path data, boolean loose, Clock clock) {
        this(host, port, data, loose, clock, DEFAULT_FRAME_FAILURE_TTL, OptionalLong.empty());
    }

    /**
     * 127.0.0.1:8080 over ./data, strict, on the system clock, failed frame extractions
     * remembered for an hour, frames cached up to 10 % of the disk.
     */
    public static Config defaults() {
        return new Config(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA, false, Clock.systemUTC());
    }

    /** This config bound to another address, e.g. "0.0.0.0" for every interface. */
    public Config withHost(String newHost) {
        return new Config(newHost, port, data, loose, clock, frameFailureTtl, frameCacheMax);
    }

    /** This config on another port; 0 picks a free one. */
    public Config withPort(int newPort) {
        return new Config(host, newPort, data, loose, clock, frameFailureTtl, frameCacheMax);
    }

    /** This config over another data folder. */
    public Config withData(Path newData) {
        return new Config(host, port, newData, loose, clock, frameFailureTtl, frameCacheMax);
    }

    /** This config with the {@code --loose} extensions on or off. */
    public Config withLoose(boolean newLoose) {
        return new Config(host, port, data, newLoose, clock, frameFailureTtl, frameCacheMax);
    }

    /** This config on another clock. */
    public Config withClock(Clock newClock) {
        return new Config(host, port, data, loose, newClock, frameFailureTtl, frameCacheMax);
    }

    /** This config remembering a failed frame extraction for {@code ttl}; zero for never. */
    public Config withFrameFailureTtl(Duration ttl) {
        return new Config(host, port, data, loose, clock, ttl, frameCacheMax);
    }

    /** This config caching at most {@code bytes} bytes of frames on disk. */
    public Config withFrameCacheMax(long bytes) {
        return new Config(host, port, data, loose, clock, frameFailureTtl,
                OptionalLong.of(bytes));
    }
}
