/**
 * A contender's opener by name, importing only that library (a child's peak RSS is its own library's).
 */
import { CONTENDERS, type ContenderName, type OpenContender } from './contender.js';

export const openerOf = async (contender: ContenderName): Promise<OpenContender> => {
  switch (contender) {
    case 'laborcase':
      return (await import('./laborcase.js')).openLaborcase;
    case 'laborcase-cached':
      return (await import('./laborcase.js')).openLaborcaseCached;
    case 'emmett':
      return (await import('./emmett.js')).openEmmett;
  }
};

/** The contender a script was asked for (its first argument), `laborcase` when it names none. */
export const contenderArgument = (argument: string | undefined): ContenderName =>
  CONTENDERS.find((name) => name === argument) ?? 'laborcase';
