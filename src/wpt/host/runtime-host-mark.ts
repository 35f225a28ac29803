/** The line prefix before the results a runtime host prints (runtime-host.ts), as the runner looks for it (run.ts). */
export const RESULT_MARK = '__WSSPEC_WPT__ ';
