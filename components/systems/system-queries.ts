// Query keys, fetchers and mutation calls of the systems pages (`/api/v1/systems…` and the self-service
// setting). Keys come from one factory so a write invalidates by prefix (`systemKeys.all`) what the pages show.
import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, requestJson } from "@/components/api/request-json";
import type {
  Created,
  SelfServiceSettingView,
  ServiceDetailView,
  ServicePageView,
  ServiceView,
  SystemPageView,
  SystemView,
} from "@/lib/systems/system-views";

export interface SystemListParams {
  page: number;
  per_page: number;
}

export const DEFAULT_SYSTEM_LIST_PARAMS: SystemListParams = { page: 1, per_page: 50 };

export const systemKeys = {
  all: ["systems"] as const,
  lists: () => [...systemKeys.all, "list"] as const,
  list: (params: SystemListParams) => [...systemKeys.lists(), params.page, params.per_page] as const,
  detail: (id: string) => [...systemKeys.all, "detail", id] as const,
  services: (id: string, params: SystemListParams) =>
    [...systemKeys.all, "services", id, params.page, params.per_page] as const,
  service: (id: string, serviceId: string) => [...systemKeys.all, "service", id, serviceId] as const,
  selfService: () => [...systemKeys.all, "self-service"] as const,
};

const base = "/api/v1/systems";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
const services = (id: string) => `${one(id)}/services`;
const oneService = (id: string, serviceId: string) => `${services(id)}/${encodeURIComponent(serviceId)}`;
const SELF_SERVICE = "/api/v1/admin/settings/self-service-systems";

export function pageSearch(params: SystemListParams): string {
  return new URLSearchParams({ page: String(params.page), per_page: String(params.per_page) }).toString();
}

/** A missing system or service stays missing; other failures get one retry. */
const retryUnlessMissing = (count: number, error: unknown) =>
  !(error instanceof ApiRequestError && error.status === 404) && count < 1;

export function systemListQueryOptions(params: SystemListParams) {
  return queryOptions({
    queryKey: systemKeys.list(params),
    queryFn: ({ signal }) =>
      requestJson<SystemPageView>("GET", `${base}?${pageSearch(params)}`, undefined, signal),
  });
}

export function systemQueryOptions(id: string) {
  return queryOptions({
    queryKey: systemKeys.detail(id),
    queryFn: ({ signal }) => requestJson<SystemView>("GET", one(id), undefined, signal),
    retry: retryUnlessMissing,
  });
}

export function serviceListQueryOptions(id: string, params: SystemListParams) {
  return queryOptions({
    queryKey: systemKeys.services(id, params),
    queryFn: ({ signal }) =>
      requestJson<ServicePageView>("GET", `${services(id)}?${pageSearch(params)}`, undefined, signal),
  });
}

export function serviceQueryOptions(id: string, serviceId: string) {
  return queryOptions({
    queryKey: systemKeys.service(id, serviceId),
    queryFn: ({ signal }) =>
      requestJson<ServiceDetailView>("GET", oneService(id, serviceId), undefined, signal),
    retry: retryUnlessMissing,
  });
}

export function selfServiceQueryOptions() {
  return queryOptions({
    queryKey: systemKeys.selfService(),
    queryFn: ({ signal }) => requestJson<SelfServiceSettingView>("GET", SELF_SERVICE, undefined, signal),
  });
}

export interface NewGovernanceEntry {
  name: string;
  description?: string;
}

export function createSystem(entry: NewGovernanceEntry): Promise<Created<SystemView>> {
  return requestJson("POST", base, entry);
}

export function createService(systemId: string, entry: NewGovernanceEntry): Promise<Created<ServiceView>> {
  return requestJson("POST", services(systemId), entry);
}

export function updateSystemDescription(id: string, description: string | null): Promise<SystemView> {
  return requestJson("PATCH", one(id), { description });
}

export function updateServiceDescription(
  id: string,
  serviceId: string,
  description: string | null,
): Promise<ServiceView> {
  return requestJson("PATCH", oneService(id, serviceId), { description });
}

export function deleteSystem(id: string): Promise<void> {
  return requestJson("DELETE", one(id));
}

export function deleteService(id: string, serviceId: string): Promise<void> {
  return requestJson("DELETE", oneService(id, serviceId));
}

export function setSelfService(enabled: boolean): Promise<SelfServiceSettingView> {
  return requestJson("PUT", SELF_SERVICE, { enabled });
}
