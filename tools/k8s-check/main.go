// k8s-check renders Kustomize folders (sigs.k8s.io/kustomize/api, the library
// behind `kustomize build`) and validates every resource against the
// Kubernetes API types (k8s.io/api) with strict decoding, as the API server's
// strict field validation does: an unknown kind, an unknown or misspelt field,
// a duplicate field or a value of the wrong type is an error. It then checks
// what this project's manifests must have: probes and resources on every
// long-running container, HPAs and PDBs that point at a Deployment of the
// rendering. It prints one line per folder and exits 1 on any problem.
//
// Usage: k8s-check [-print] DIR...   (-print writes the rendered YAML to stdout)
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

func main() {
	print := flag.Bool("print", false, "write the rendered YAML to stdout")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: k8s-check [-print] DIR...")
		os.Exit(2)
	}
	failed := false
	for _, dir := range flag.Args() {
		n, problems, yaml := check(dir)
		if *print {
			os.Stdout.Write(yaml)
		}
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "%s: %s\n", dir, p)
		}
		if len(problems) > 0 {
			failed = true
			fmt.Fprintf(os.Stderr, "%s: %d resources, %d problems\n", dir, n, len(problems))
		} else {
			fmt.Fprintf(os.Stderr, "%s: %d resources valid\n", dir, n)
		}
	}
	if failed {
		os.Exit(1)
	}
}

func check(dir string) (int, []string, []byte) {
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resMap, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return 0, []string{"kustomize: " + err.Error()}, nil
	}
	yaml, err := resMap.AsYaml()
	if err != nil {
		return 0, []string{"yaml: " + err.Error()}, nil
	}
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		appsv1.AddToScheme, autoscalingv2.AddToScheme, batchv1.AddToScheme,
		corev1.AddToScheme, policyv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	decoder := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme,
		json.SerializerOptions{Yaml: true, Strict: true})

	var problems []string
	var objects []runtime.Object
	for _, r := range resMap.Resources() {
		doc, err := r.AsYAML()
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		obj, _, err := decoder.Decode(doc, nil, nil)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %s: %v", r.GetKind(), r.GetName(), err))
			continue
		}
		objects = append(objects, obj)
	}
	problems = append(problems, rules(objects)...)
	return len(resMap.Resources()), problems, yaml
}

// rules: what this project's manifests must have beyond valid types.
func rules(objects []runtime.Object) []string {
	var problems []string
	deployments := map[string]*appsv1.Deployment{}
	for _, o := range objects {
		if d, ok := o.(*appsv1.Deployment); ok {
			deployments[d.Name] = d
		}
	}
	need := func(cond bool, format string, args ...any) {
		if !cond {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	for _, o := range objects {
		switch v := o.(type) {
		case *appsv1.Deployment:
			sel, err := metaSelector(v.Spec.Selector)
			need(err == nil && sel.Matches(labels.Set(v.Spec.Template.Labels)),
				"Deployment %s: its selector does not match its pods' labels", v.Name)
			for _, c := range v.Spec.Template.Spec.Containers {
				need(c.ReadinessProbe != nil, "Deployment %s: container %s has no readinessProbe", v.Name, c.Name)
				need(c.LivenessProbe != nil, "Deployment %s: container %s has no livenessProbe", v.Name, c.Name)
				need(len(c.Resources.Requests) > 0 && len(c.Resources.Limits) > 0,
					"Deployment %s: container %s has no resource requests and limits", v.Name, c.Name)
				need(c.Image != "", "Deployment %s: container %s has no image", v.Name, c.Name)
			}
		case *batchv1.Job:
			for _, c := range v.Spec.Template.Spec.Containers {
				need(len(c.Resources.Limits) > 0, "Job %s: container %s has no resource limits", v.Name, c.Name)
			}
		case *autoscalingv2.HorizontalPodAutoscaler:
			ref := v.Spec.ScaleTargetRef
			need(ref.Kind == "Deployment" && deployments[ref.Name] != nil,
				"HPA %s: scales %s %s, not a Deployment of this rendering", v.Name, ref.Kind, ref.Name)
			need(len(v.Spec.Metrics) > 0, "HPA %s: no metrics", v.Name)
		case *policyv1.PodDisruptionBudget:
			sel, err := metaSelector(v.Spec.Selector)
			matched := false
			for _, d := range deployments {
				if err == nil && sel.Matches(labels.Set(d.Spec.Template.Labels)) {
					matched = true
				}
			}
			need(matched, "PodDisruptionBudget %s: its selector matches no Deployment's pods", v.Name)
		}
	}
	return problems
}

func metaSelector(s *metav1.LabelSelector) (labels.Selector, error) {
	if s == nil {
		return nil, errors.New("no selector")
	}
	return metav1.LabelSelectorAsSelector(s)
}
