// The not-found page holds nothing to forget; it only needs the quick exit.
import { $ } from '../dom.ts';
import { installQuickExit } from '../quick-exit.ts';

installQuickExit($<HTMLAnchorElement>('#quick-exit'), () => undefined);
