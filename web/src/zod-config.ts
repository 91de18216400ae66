import { z } from 'zod';

// The console's Content-Security-Policy forbids eval; zod would otherwise try it (and be refused)
// to compile its object parsers. Imported before any schema is built.
z.config({ jitless: true });
