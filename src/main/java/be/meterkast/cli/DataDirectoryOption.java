package be.meterkast.cli;

import be.meterkast.config.Setting;
import be.meterkast.server.ServerConfig;
import picocli.CommandLine.Option;

/** {@code --data-dir} of the commands that open the portal's database and key file without serving it. */
final class DataDirectoryOption {
    @Option(names = "--data-dir", description = "Where the embedded database and key files live (overrides METERKAST_DATA_DIR).")
    String dataDir;

    /** The portal's configuration with this option laid over the environment. */
    ServerConfig load() {
        return Settings.loadWith(Setting.DATA_DIR, dataDir);
    }
}
