package org.tideline.server.hotline.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB (.mmdb) files for tests, so that no test needs a downloaded GeoLite2 database.
 *
 * <pre>{@code
 * MmdbWriter.ipv6("GeoLite2-ASN")
 *         .network("192.0.2.0/24", Map.of("autonomous_system_number", 64500L,
 *                                          "autonomous_system_organization", "Example Hosting"))
 *         .network("2001:db8::/32", Map.of("autonomous_system_number", 64501L))
 *         .write(dir.resolve("asn.mmdb"));
 * }</pre>
 *
 * <p>Written from the public "MaxMind DB File Format Specification" 2.0: a binary search tree of 24-bit records
 * (a node is two records, left for bit 0 and right for bit 1; a record below {@code node_count} is a node, equal to
 * it means "no data", above it points {@code value - node_count - 16} bytes into the data section), then sixteen
 * zero bytes, then the data section, then {@code \xAB\xCD\xEFMaxMind.com} and the metadata map. An IPv6 database
 * holds IPv4 networks under {@code ::/96}, which is where readers look for them. Values may be strings, integers
 * ({@code Integer}/{@code Long}/{@code BigInteger}, written as the smallest of uint16, uint32, uint64 that holds them;
 * negative ones as int32; {@link #uint32} forces uint32), booleans, doubles, lists and maps; identical records are
 * written once.
 *
 * <p>Sharp edges, fine for tests: networks are applied in the order given, and a later network replaces whatever an
 * earlier one said about the addresses it covers (a more specific network inside an earlier one splits it); no
 * pointers are used inside records, so repeated keys cost bytes; 24-bit records cap the tree at 16 million nodes.
 */
public final class MmdbWriter {

    private static final byte[] METADATA_MARKER = {
        (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private static final int DATA_SEPARATOR_BYTES = 16;
    private static final int RECORD_BITS = 24;
    private static final long MAX_RECORD = (1L << RECORD_BITS) - 1;
    /** IPv4 addresses live under ::/96 in an IPv6 tree. */
    private static final int IPV4_IN_IPV6_PREFIX = 96;

    // Data section types (the spec's numbering); types above 7 are "extended": type 0 plus a byte of (type - 7).
    private static final int POINTER = 1;
    private static final int UTF8_STRING = 2;
    private static final int DOUBLE = 3;
    private static final int UINT16 = 5;
    private static final int UINT32 = 6;
    private static final int MAP = 7;
    private static final int INT32 = 8;
    private static final int UINT64 = 9;
    private static final int ARRAY = 11;
    private static final int BOOLEAN = 14;

    private final int ipVersion;
    private final String databaseType;
    private final Node root = new Node();
    private long buildEpoch = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    private String description = "Tideline test database";
    private List<String> languages = List.of("en");

    private MmdbWriter(int ipVersion, String databaseType) {
        this.ipVersion = ipVersion;
        this.databaseType = databaseType;
    }

    /** An IPv6 database (IPv4 networks are stored under ::/96), the layout of MaxMind's GeoLite2 files. */
    public static MmdbWriter ipv6(String databaseType) {
        return new MmdbWriter(6, databaseType);
    }

    /** An IPv4-only database: readers refuse IPv6 lookups in it. */
    public static MmdbWriter ipv4(String databaseType) {
        return new MmdbWriter(4, databaseType);
    }

    /** A GeoLite2-ASN-shaped record (the number as uint32, as GeoLite2 writes it whatever its size). */
    public static Map<String, Object> asn(long number, String organisation) {
        return Map.of("autonomous_system_number", uint32(number), "autonomous_system_organization", organisation);
    }

    /** A value written as uint32 even when it would fit in fewer bits (readers give it back as a {@code Long}). */
    public static Object uint32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a uint32: " + value);
        }
        return new Unsigned(value, UINT32);
    }

    /** A GeoLite2-Country-shaped record (country and registered country the same). */
    public static Map<String, Object> country(String isoCode) {
        Map<String, Object> country = Map.of("iso_code", isoCode, "names", Map.of("en", isoCode));
        return Map.of("country", country, "registered_country", country);
    }

    public MmdbWriter buildEpoch(Instant at) {
        this.buildEpoch = at.getEpochSecond();
        return this;
    }

    public MmdbWriter description(String text) {
        this.description = text;
        return this;
    }

    public MmdbWriter languages(List<String> codes) {
        this.languages = List.copyOf(codes);
        return this;
    }

    /** Maps every address in {@code cidr} ("192.0.2.0/24", "2001:db8::/32", or a single address) to {@code record}. */
    public MmdbWriter network(String cidr, Map<String, ?> record) {
        int slash = cidr.indexOf('/');
        byte[] address = parseLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
        int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        if (address.length == 16 && ipVersion == 4) {
            throw new IllegalArgumentException("an IPv4 database cannot hold " + cidr);
        }
        if (address.length == 4 && ipVersion == 6) {
            byte[] mapped = new byte[16];
            System.arraycopy(address, 0, mapped, 12, 4);
            address = mapped;
            prefix += IPV4_IN_IPV6_PREFIX;
        }
        insert(address, prefix, new Leaf(Map.copyOf(record)));
        return this;
    }

    /** Writes the database to {@code file} and returns it. */
    public Path write(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database as bytes. */
    public byte[] bytes() {
        List<Node> nodes = numberNodes();
        long nodeCount = nodes.size();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<Leaf, Long> offsets = new IdentityHashMap<>();
        Map<List<Byte>, Long> written = new HashMap<>();
        for (Node node : nodes) {
            for (Object child : new Object[] {node.left, node.right}) {
                if (child instanceof Leaf leaf && !offsets.containsKey(leaf)) {
                    byte[] encoded = encode(leaf.record);
                    Long offset = written.computeIfAbsent(boxed(encoded), k -> {
                        long at = data.size();
                        data.writeBytes(encoded);
                        return at;
                    });
                    offsets.put(leaf, offset);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<Node, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
        }
        for (Node node : nodes) {
            writeRecord(out, recordValue(node.left, nodeCount, index, offsets));
            writeRecord(out, recordValue(node.right, nodeCount, index, offsets));
        }
        out.writeBytes(new byte[DATA_SEPARATOR_BYTES]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        out.writeBytes(encode(metadata(nodeCount)));
        return out.toByteArray();
    }

    private Map<String, Object> metadata(long nodeCount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node_count", new Unsigned(nodeCount, UINT32));
        m.put("record_size", new Unsigned(RECORD_BITS, UINT16));
        m.put("ip_version", new Unsigned(ipVersion, UINT16));
        m.put("database_type", databaseType);
        m.put("languages", languages);
        m.put("binary_format_major_version", new Unsigned(2, UINT16));
        m.put("binary_format_minor_version", new Unsigned(0, UINT16));
        m.put("build_epoch", new Unsigned(buildEpoch, UINT64));
        m.put("description", Map.of("en", description));
        return m;
    }

    // --- the search tree ---

    /** A tree node; each side is a Node, a Leaf, or null (no data). */
    private static final class Node {
        Object left;
        Object right;

        Object get(int bit) {
            return bit == 0 ? left : right;
        }

        void set(int bit, Object child) {
            if (bit == 0) {
                left = child;
            } else {
                right = child;
            }
        }
    }

    /** A record; compared by identity so that each network keeps its own leaf until encoding merges equal ones. */
    private record Leaf(Map<String, ?> record) {}

    private void insert(byte[] address, int prefix, Leaf leaf) {
        if (prefix == 0) {
            // The whole address space: both halves of the root.
            root.left = leaf;
            root.right = leaf;
            return;
        }
        Node node = root;
        for (int depth = 0; depth < prefix - 1; depth++) {
            int bit = bit(address, depth);
            Object child = node.get(bit);
            if (child instanceof Node next) {
                node = next;
            } else {
                // Splitting a leaf (or empty space): the new node starts out saying what the leaf said on both sides.
                Node split = new Node();
                split.left = child;
                split.right = child;
                node.set(bit, split);
                node = split;
            }
        }
        node.set(bit(address, prefix - 1), leaf);
    }

    private static int bit(byte[] address, int index) {
        return (address[index / 8] >> (7 - index % 8)) & 1;
    }

    /** Breadth-first numbering: the root must be node 0; any order works after that. */
    private List<Node> numberNodes() {
        List<Node> nodes = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Node n = todo.removeFirst();
            nodes.add(n);
            if (n.left instanceof Node l) {
                todo.addLast(l);
            }
            if (n.right instanceof Node r) {
                todo.addLast(r);
            }
        }
        return nodes;
    }

    private static long recordValue(Object child, long nodeCount, Map<Node, Integer> index, Map<Leaf, Long> offsets) {
        long value = switch (child) {
            case null -> nodeCount;
            case Node n -> index.get(n);
            case Leaf l -> nodeCount + DATA_SEPARATOR_BYTES + offsets.get(l);
            default -> throw new IllegalStateException();
        };
        if (value > MAX_RECORD) {
            throw new IllegalStateException("the database is too large for 24-bit records");
        }
        return value;
    }

    private static void writeRecord(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 16) & 0xFF);
        out.write((int) (value >>> 8) & 0xFF);
        out.write((int) value & 0xFF);
    }

    // --- the data section ---

    /** An unsigned integer written with a chosen type (metadata fields have fixed types in the spec). */
    private record Unsigned(long value, int type) {}

    private static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(out, value);
        return out.toByteArray();
    }

    private static void encode(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                control(out, UTF8_STRING, utf8.length);
                out.writeBytes(utf8);
            }
            case Unsigned u -> unsigned(out, u.type(), BigInteger.valueOf(u.value()));
            case Boolean b -> control(out, BOOLEAN, b ? 1 : 0);
            case Double d -> {
                control(out, DOUBLE, Double.BYTES);
                out.writeBytes(ByteBuffer.allocate(Double.BYTES).putDouble(d).array());
            }
            case BigInteger big -> unsigned(out, UINT64, big);
            case Integer i when i < 0 -> {
                control(out, INT32, Integer.BYTES);
                out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
            }
            case Integer i -> unsignedSmallest(out, i);
            case Long l when l < 0 -> throw new IllegalArgumentException("negative longs are not supported: " + l);
            case Long l -> unsignedSmallest(out, l);
            case Map<?, ?> m -> {
                control(out, MAP, m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    encode(out, (String) e.getKey());
                    encode(out, e.getValue());
                }
            }
            case List<?> list -> {
                control(out, ARRAY, list.size());
                for (Object item : list) {
                    encode(out, item);
                }
            }
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName());
        }
    }

    private static void unsignedSmallest(ByteArrayOutputStream out, long value) {
        int type = value <= 0xFFFFL ? UINT16 : value <= 0xFFFF_FFFFL ? UINT32 : UINT64;
        unsigned(out, type, BigInteger.valueOf(value));
    }

    /** Big-endian, with leading zero bytes left out: the size field says how many bytes follow (0 for zero). */
    private static void unsigned(ByteArrayOutputStream out, int type, BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = 0;
        while (skip < raw.length && raw[skip] == 0) {
            skip++;
        }
        byte[] minimal = Arrays.copyOfRange(raw, skip, raw.length);
        control(out, type, minimal.length);
        out.writeBytes(minimal);
    }

    /**
     * The control byte: type in the top three bits, size in the low five. Sizes of 29 and up spill into one, two or
     * three following bytes (29 + n, 285 + n, 65821 + n); an extended type's own byte comes before those.
     */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        if (type == POINTER) {
            throw new IllegalArgumentException("pointers are not written");
        }
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 285) {
            sizeBits = 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 65_821) {
            sizeBits = 30;
            int n = size - 285;
            sizeBytes = new byte[] {(byte) (n >>> 8), (byte) n};
        } else {
            sizeBits = 31;
            int n = size - 65_821;
            sizeBytes = new byte[] {(byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
        if (type <= MAP) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    private static byte[] parseLiteral(String literal) {
        try {
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
