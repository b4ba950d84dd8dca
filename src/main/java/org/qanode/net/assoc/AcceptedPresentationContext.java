package org.qanode.net.assoc;

/** A presentation context both sides agreed on (PS3.8 9.3.3.2): id, abstract syntax and the one transfer syntax. */
public record AcceptedPresentationContext(int id, String abstractSyntax, String transferSyntax) {
}
