package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads test-data/pdu/*.hex fixtures (whitespace-separated hex). */
public final class HexFixtures {
    public static final Path DIR = Path.of("test-data", "pdu");

    private HexFixtures() {
    }

    public static byte[] bytes(String name) {
        try {
            String hex = Files.readString(DIR.resolve(name)).replaceAll("\\s+", "");
            return ByteBufUtil.decodeHexDump(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ByteBuf buf(String name) {
        return Unpooled.wrappedBuffer(bytes(name));
    }

    public static List<String> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] toBytes(ByteBuf buf) {
        byte[] b = ByteBufUtil.getBytes(buf);
        buf.release();
        return b;
    }
}
