// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * A synthetic CT image (CT Image IOD, PS3.3 §A.3) as a benchmark input: the header elements a
 * scanner typically writes (patient, study, series, equipment, acquisition, image plane and
 * pixel modules, two short sequences, a private block) and 512x512 pixels of 16 bits with 12
 * stored, about 512 KiB. Built in memory and encoded with {@link Part10Writer}; the pixel values
 * come from a seeded generator, so every run parses the same bytes.
 */
final class CtInstance {
    static final int ROWS = 512;
    static final int COLUMNS = 512;

    // tag, VR, value ('\' separates values); the order does not matter, Dataset sorts.
    private static final String[] HEADER = {
        "00080005 CS ISO_IR 100", "00080008 CS ORIGINAL\\PRIMARY\\AXIAL",
        "00080012 DA 20240115", "00080013 TM 101530.123456",
        "00080016 UI 1.2.840.10008.5.1.4.1.1.2", "00080018 UI 2.25.90000000000000000000001",
        "00080020 DA 20240115", "00080021 DA 20240115", "00080022 DA 20240115",
        "00080023 DA 20240115", "00080030 TM 101500", "00080031 TM 101510",
        "00080032 TM 101520.5", "00080033 TM 101530", "00080050 SH ACC000123",
        "00080060 CS CT", "00080070 LO Example Medical Systems", "00080080 LO General Hospital",
        "00080081 ST 1 Hospital Road, Springfield", "00080090 PN Referring^Doctor^^Dr.",
        "00081010 SH CT01", "00081030 LO CT CHEST WITH CONTRAST", "0008103E LO AXIAL 1.25mm",
        "00081090 LO Scanner 64", "00100010 PN Doe^John", "00100020 LO PID0001",
        "00100030 DA 19700101", "00100040 CS M", "00101010 AS 054Y", "00101030 DS 72.5",
        "00180015 CS CHEST", "00180022 CS HELICAL MODE", "00180050 DS 1.25",
        "00180060 DS 120", "00180088 DS 1.25", "00180090 DS 500.0", "00181020 LO 1.0.7",
        "00181030 LO Chest routine", "00181100 DS 350.0", "00181110 DS 1085.6",
        "00181111 DS 595", "00181120 DS 0", "00181130 DS 157", "00181140 CS CW",
        "00181150 IS 750", "00181151 IS 200", "00181152 IS 150", "00181160 SH BODY FILTER",
        "00181170 IS 24", "00181190 DS 0.7\\1.2", "00181210 SH B30f", "00185100 CS HFS",
        "0020000D UI 2.25.90000000000000000000002", "0020000E UI 2.25.90000000000000000000003",
        "00200010 SH 1", "00200011 IS 2", "00200012 IS 1", "00200013 IS 42",
        "00200032 DS -175.0\\-175.0\\-102.5", "00200037 DS 1\\0\\0\\0\\1\\0",
        "00200052 UI 2.25.90000000000000000000004", "00201040 LO IC", "00201041 DS -102.5",
        "00280002 US 1", "00280004 CS MONOCHROME2", "00280010 US " + ROWS,
        "00280011 US " + COLUMNS, "00280030 DS 0.683594\\0.683594", "00280100 US 16",
        "00280101 US 12", "00280102 US 11", "00280103 US 0", "00281050 DS 40\\400",
        "00281051 DS 400\\1500", "00281052 DS -1024", "00281053 DS 1", "00281054 LO HU",
        "00090010 LO EXAMPLE PRIVATE", "00091001 LO private text", "00091002 US 7",
    };

    private CtInstance() {
    }

    /** The data set: header, sequences and pixel data. */
    static Dataset dataset() {
        Dataset dataset = new Dataset();
        for (String line : HEADER) {
            put(dataset, line);
        }
        dataset.put(Element.sequence(0x00081140, List.of(item(
                "00081150 UI 1.2.840.10008.5.1.4.1.1.2", "00081155 UI 2.25.90000000000000000000005"))));
        dataset.put(Element.sequence(0x00400275, List.of(item(
                "00400007 LO CT CHEST", "00400009 SH SPS0001", "00401001 SH RP0001"))));
        dataset.put(Element.of(Tag.PixelData, VR.OW, pixels()));
        return dataset;
    }

    private static Dataset item(String... lines) {
        Dataset item = new Dataset();
        for (String line : lines) {
            put(item, line);
        }
        return item;
    }

    private static void put(Dataset dataset, String line) {
        String[] parts = line.split(" ", 3);
        int tag = Integer.parseUnsignedInt(parts[0], 16);
        VR vr = VR.valueOf(parts[1]);
        if (vr == VR.US) {
            dataset.putInts(tag, vr, Integer.parseInt(parts[2]));
        } else {
            dataset.putString(tag, vr, parts[2].split("\\\\"));
        }
    }

    private static byte[] pixels() {
        byte[] bytes = new byte[ROWS * COLUMNS * 2];
        Random random = new Random(42);
        for (int i = 0; i < bytes.length; i += 2) {
            int value = random.nextInt(4096); // 12 bits stored
            bytes[i] = (byte) value;
            bytes[i + 1] = (byte) (value >> 8);
        }
        return bytes;
    }

    /**
     * The data set encoded as a Part 10 file in the transfer syntax.
     *
     * @throws IOException never in practice: the stream is in memory
     */
    static byte[] encode(Dataset dataset, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ROWS * COLUMNS * 2 + 8192);
        Part10Writer.write(out, dataset, ts);
        return out.toByteArray();
    }

    /** The number of elements in the data set and its items, sequences counted once. */
    static int elementCount(Dataset dataset) {
        int count = 0;
        for (Element e : dataset.elements()) {
            count++;
            if (e.isSequence()) {
                count += e.items().stream().mapToInt(CtInstance::elementCount).sum();
            }
        }
        return count;
    }
}
