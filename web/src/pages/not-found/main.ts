// The not-found page holds nothing to forget; it only needs the quick exit.
import { $ } from '../../lib/dom.ts';
import { installQuickExit } from '../../lib/quick-exit.ts';

installQuickExit($<HTMLAnchorElement>('#quick-exit'), () => undefined);
