/**
 * JSON shapes of the systems and services API (`/api/v1/systems…`, SPEC §21 pages). Names are immutable;
 * `warnings` (SPEC §3 `NAME_LENGTH_WARNING: …`) come only with the answer to a create.
 */
import type { PaginationView } from "@/lib/pagination";

export interface SystemView {
  id: string;
  name: string;
  description: string | null;
  created_by: string | null;
  service_count: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceView {
  id: string;
  system_id: string;
  system_name: string;
  name: string;
  description: string | null;
  created_by: string | null;
  vm_count: number;
  member_count: number;
  created_at: string;
  updated_at: string;
}

export interface SystemPageView {
  items: SystemView[];
  pagination: PaginationView;
}

export interface ServicePageView {
  items: ServiceView[];
  pagination: PaginationView;
}

export interface ServiceMemberView {
  user_id: string;
  username: string | null;
  name: string;
  email: string;
  role: string;
  since: string;
}

export interface ServiceVmView {
  id: string;
  name: string;
  namespace: string;
  status: string;
  cluster_id: string | null;
}

export interface ServiceDetailView extends ServiceView {
  members: ServiceMemberView[];
  vms: ServiceVmView[];
}

/** The answer to a create: the new row plus the name's soft warnings. */
export type Created<T> = T & { warnings: string[] };

export interface SelfServiceSettingView {
  enabled: boolean;
  updated_by: string | null;
  updated_at: string | null;
}

/** What the systems pages need to know about the caller (server-computed, the server still checks). */
export interface SystemsAbilities {
  /** Admin, or self-service on. */
  can_create: boolean;
  /** Admin: edit descriptions, delete, toggle self-service. */
  can_manage: boolean;
}
