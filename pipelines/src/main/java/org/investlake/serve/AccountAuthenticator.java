package org.investlake.serve;

import javax.security.sasl.AuthenticationException;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * HiveServer2's CUSTOM authentication ({@code hive.server2.custom.authentication.class}): checks a
 * client's user and password against the endpoint's {@link Accounts}. The Thrift Server creates it with
 * a configuration or, failing that, the system property that names the users file ({@link #USERS_FILE});
 * the file is read at every login,
 * so `users add` and `users remove` take effect without a restart.
 */
public final class AccountAuthenticator implements PasswdAuthenticationProvider, Configurable {
    /** Configuration key naming the users file. */
    public static final String USERS_FILE = "investlake.users.file";

    private Configuration conf;

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        String file = conf == null ? null : conf.get(USERS_FILE);
        if (file == null) {
            file = System.getProperty(USERS_FILE); // HiveServer2 hands a fresh HiveConf: the endpoint set it here
        }
        if (file == null) {
            throw new AuthenticationException("no users file configured");
        }
        if (user == null || password == null || !Accounts.at(file).verify(user, password.toCharArray())) {
            // one answer for an unknown user and a wrong password: the client learns nothing about names
            throw new AuthenticationException("用户名或密码不对 (user name or password is wrong)");
        }
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
