import { DomainCommand } from '../../shared/message';
import { ContactEstablishedData } from '../events/contact-established.event';

export const ESTABLISH_CONTACT = 'EstablishContact';
export type EstablishContact = DomainCommand<
  typeof ESTABLISH_CONTACT,
  { readonly cooperationId: string } & ContactEstablishedData
>;
