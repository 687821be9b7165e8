import { SetMetadata } from '@nestjs/common';

/** Every route needs a logged-in account unless marked public: deny by default. */
export const IS_PUBLIC = 'fellesplan:isPublic';
export const Public = () => SetMetadata(IS_PUBLIC, true);
