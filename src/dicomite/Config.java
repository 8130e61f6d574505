// SPDX-License-Identifier: MIT
package dicomite;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

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
 */
public record Config(String host, int port, Path data, boolean loose, Clock clock) {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final Path DEFAULT_DATA = Path.of("data");

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException for a blank host or a port outside 0 to 65535
     * @throws NullPointerException for a missing setting
     */
    public Config {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(clock, "clock");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Config host must not be blank: '" + host + "'.");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Config port " + port
                    + " is outside 0 to 65535.");
        }
    }

    /** 127.0.0.1:8080 over ./data, strict, on the system clock. */
    public static Config defaults() {
        return new Config(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA, false, Clock.systemUTC());
    }

    /** This config bound to another address, e.g. "0.0.0.0" for every interface. */
    public Config withHost(String newHost) {
        return new Config(newHost, port, data, loose, clock);
    }

    /** This config on another port; 0 picks a free one. */
    public Config withPort(int newPort) {
        return new Config(host, newPort, data, loose, clock);
    }

    /** This config over another data folder. */
    public Config withData(Path newData) {
        return new Config(host, port, newData, loose, clock);
    }

    /** This config with the {@code --loose} extensions on or off. */
    public Config withLoose(boolean newLoose) {
        return new Config(host, port, data, newLoose, clock);
    }

    /** This config on another clock. */
    public Config withClock(Clock newClock) {
        return new Config(host, port, data, loose, newClock);
    }
}
