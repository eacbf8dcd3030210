/** The exit codes as `--help` and every README list them. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done (verify: every file matches)
  1    failed: credentials, DEST, network, unreadable input
  2    bad command line (flag, value, DEST, unknown breed); nothing done
  3    partial: some photos failed or the daily quota ran out; run again to continue
       (verify: problems found)
  130  interrupted by Ctrl-C / SIGTERM; run again to resume
  141  stopped: the output's reader went away (piped into head); run again to resume`;
