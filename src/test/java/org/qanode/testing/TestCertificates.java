package org.qanode.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away PKI made with the openssl command line at test time, as a hospital would make
 * one (docs/security.md): a CA, the node's certificate (server and client use, SAN 127.0.0.1
 * and localhost), a peer's certificate from the same CA, and a rogue peer whose CA nobody
 * trusts. RSA 2048 keys in PKCS#8 PEM, SHA-256 signatures, valid for two days.
 */
public final class TestCertificates {
    public final Path dir;
    public final Path caCertificate;
    public final Path nodeCertificate;
    public final Path nodeKey;
    public final Path peerCertificate;
    public final Path peerKey;
    public final Path rogueCertificate;
    public final Path rogueKey;

    private TestCertificates(Path dir) {
        this.dir = dir;
        caCertificate = dir.resolve("ca.crt");
        nodeCertificate = dir.resolve("node.crt");
        nodeKey = dir.resolve("node.key");
        peerCertificate = dir.resolve("peer.crt");
        peerKey = dir.resolve("peer.key");
        rogueCertificate = dir.resolve("rogue.crt");
        rogueKey = dir.resolve("rogue.key");
    }

    /** Makes them all in {@code dir}; skips (fails on CI) without openssl. */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        ExternalTools.requireExecutable("openssl", "openssl");
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir);
        Files.writeString(dir.resolve("leaf.ext"), """
                basicConstraints=critical,CA:FALSE
                keyUsage=critical,digitalSignature,keyEncipherment
                extendedKeyUsage=serverAuth,clientAuth
                subjectAltName=IP:127.0.0.1,DNS:localhost
                """);
        c.ca("ca", "qanode test CA");
        c.ca("rogue-ca", "rogue CA");
        c.leaf("node", "qanode test node", "ca");
        c.leaf("peer", "qanode test peer", "ca");
        c.leaf("rogue", "rogue peer", "rogue-ca");
        return c;
    }

    /** A new certificate and key for the node, as a renewal would bring (written in place). */
    public void renewNode(String commonName) throws IOException, InterruptedException {
        leaf("node", commonName, "ca");
    }

    private void ca(String name, String cn) throws IOException, InterruptedException {
        key(name);
        openssl("req", "-x509", "-new", "-key", name + ".key", "-sha256", "-days", "2", "-subj", "/CN=" + cn,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", name + ".crt");
    }

    private void leaf(String name, String cn, String ca) throws IOException, InterruptedException {
        key(name + ".new");
        openssl("req", "-new", "-key", name + ".new.key", "-subj", "/CN=" + cn, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "2", "-sha256", "-extfile", "leaf.ext", "-out", name + ".new.crt");
        // key and certificate replace the old ones together, each by an atomic rename
        Files.move(dir.resolve(name + ".new.key"), dir.resolve(name + ".key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(dir.resolve(name + ".new.crt"), dir.resolve(name + ".crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void key(String name) throws IOException, InterruptedException {
        // genpkey writes PKCS#8 ("BEGIN PRIVATE KEY"), the form the node reads
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
