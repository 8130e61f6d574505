// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Transfer syntaxes of PS3.5 §10 and Annex A, with how each encodes the dataset: explicit or
 * implicit VR, byte order, deflate, and whether pixel data is encapsulated (PS3.5 §A.4).
 * Unknown UIDs are treated as explicit VR little endian encapsulated, which is what every
 * compressed syntax defined since is.
 */
public record TransferSyntax(String uid, String name, boolean explicitVR, boolean bigEndian,
        boolean deflated, boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            nat("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            nat("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            nat("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            nat("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false);
    public static final TransferSyntax JPEG_BASELINE =
            enc("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    public static final TransferSyntax JPEG_EXTENDED =
            enc("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
    public static final TransferSyntax JPEG_LOSSLESS =
            enc("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    public static final TransferSyntax JPEG_LOSSLESS_SV1 = enc("1.2.840.10008.1.2.4.70",
            "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [SV1])");
    public static final TransferSyntax JPEG_LS_LOSSLESS =
            enc("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
            enc("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression");
    public static final TransferSyntax JPEG_2000_LOSSLESS =
            enc("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");
    public static final TransferSyntax JPEG_2000 =
            enc("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression");
    public static final TransferSyntax RLE_LOSSLESS =
            enc("1.2.840.10008.1.2.5", "RLE Lossless");

    private static final Map<String, TransferSyntax> KNOWN = Stream.of(
            IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN,
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, JPEG_BASELINE, JPEG_EXTENDED,
            JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS,
            JPEG_2000_LOSSLESS, JPEG_2000, RLE_LOSSLESS,
            enc("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
            enc("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
            enc("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            enc("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            enc("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
            enc("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"))
            .collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

    private static TransferSyntax nat(String uid, String name, boolean explicit, boolean big,
            boolean deflated) {
        return new TransferSyntax(uid, name, explicit, big, deflated, false);
    }

    private static TransferSyntax enc(String uid, String name) {
        return new TransferSyntax(uid, name, true, false, false, true);
    }

    /** The known syntax with this UID. */
    public static Optional<TransferSyntax> find(String uid) {
        return Optional.ofNullable(KNOWN.get(uid));
    }

    /**
     * The syntax with this UID; an unknown one is taken as explicit VR little endian with
     * encapsulated pixel data, as every syntax added to PS3.5 since 2000 is.
     */
    public static TransferSyntax forUID(String uid) {
        TransferSyntax known = KNOWN.get(uid);
        return known != null ? known : new TransferSyntax(uid, uid, true, false, false, true);
    }

    public boolean isKnown() {
        return KNOWN.containsKey(uid);
    }

    /** True for the four syntaxes whose pixel data is native (not encapsulated). */
    public boolean isNative() {
        return !encapsulated;
    }
}
