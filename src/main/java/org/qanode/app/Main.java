package org.qanode.app;

/** Entry point of the qanode command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("qanode");
    }
}
