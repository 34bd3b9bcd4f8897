package dev.jfilter.cli;

import picocli.CommandLine;

/** {@code jfilter --version}: the build's version, from the jar's manifest when there is one. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"jfilter " + (v == null ? "(development build)" : v),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
