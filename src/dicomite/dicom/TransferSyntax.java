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
 *
 * <p>Known, with native (not encapsulated) pixel data: implicit and explicit VR little endian,
 * explicit VR big endian (retired), deflated explicit VR little endian (PS3.5 §A.5), the Papyrus 3
 * implicit VR syntax (retired), the JPIP Referenced syntaxes with and without deflate, JPEG 2000
 * and HTJ2K (PS3.5 §A.6, §A.7, §A.11, §A.12: pixel data is referenced, not present), and the SMPTE
 * ST 2110 syntaxes (explicit VR little endian, no pixel data). Known as encapsulated: the JPEG,
 * JPEG-LS, JPEG 2000, HTJ2K, JPEG XL, RLE, MPEG and HEVC syntaxes and Encapsulated Uncompressed.
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
            DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, JPEG_BASELINE,
            JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS,
            JPEG_LS_NEAR_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_2000, RLE_LOSSLESS,
            nat("1.2.840.10008.1.20", "Papyrus 3 Implicit VR Little Endian", false, false, false),
            nat("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, false, false),
            nat("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true, false, true),
            nat("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", true, false, false),
            nat("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", true, false, true),
            nat("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video",
                    true, false, false),
            nat("1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video",
                    true, false, false),
            nat("1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio", true, false, false),
            enc("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian"),
            enc("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
            enc("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
            enc("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            enc("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"),
            enc("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            enc("1.2.840.10008.1.2.4.103",
                    "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
            enc("1.2.840.10008.1.2.4.104",
                    "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
            enc("1.2.840.10008.1.2.4.105",
                    "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
            enc("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
            enc("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1"),
            enc("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1"),
            enc("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
            enc("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression"),
            enc("1.2.840.10008.1.2.4.112", "JPEG XL"),
            enc("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
            enc("1.2.840.10008.1.2.4.202",
                    "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
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

    /** True for the syntaxes whose pixel data, when present, is native (not encapsulated). */
    public boolean isNative() {
        return !encapsulated;
    }
}
