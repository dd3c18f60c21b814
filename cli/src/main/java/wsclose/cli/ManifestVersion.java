package wsclose.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: Implementation-Version from the jar manifest. */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"wsclose " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
